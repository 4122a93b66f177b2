"""The Prompt Lab's logic: prompt variants, eval jobs, the turn inspector and its charts."""
