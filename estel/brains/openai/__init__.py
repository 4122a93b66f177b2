"""The OpenAI interviewer: any OpenAI-compatible chat-completions server (brain, prompt, errors)."""
