"""World data behind interfaces: places (the gazetteer) and countries (names and demonyms)."""
