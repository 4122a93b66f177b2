"""Prompt Lab: edit the interviewer's prompt, run A vs B on scripted candidates, inspect turns."""

from estel.ui.lab_view import render_prompt_lab

render_prompt_lab()
