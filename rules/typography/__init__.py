"""Typography rules: spacing, repeated words, quote styles."""
