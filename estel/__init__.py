"""Estel Interview Studio: an AI mock interviewer, offline or on any OpenAI-compatible model."""

__version__ = "0.1.0"
