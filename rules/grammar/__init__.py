"""Grammar and spelling through LanguageTool, aware of the house style."""
