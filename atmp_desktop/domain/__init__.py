"""The clinical and planning truth: plain Python, no Qt, no SQL."""
