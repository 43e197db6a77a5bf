"""LanguageTool: install the jars, run or find a server, check text against it."""
