"""Reading rules: how hard the prose is to read (textstat's formulas, renderlint's counts).

The family is called `reading`: `readability` is the name of one of its rules.
"""
