"""Calendar rules: the Juche year and anniversary arithmetic."""

# Juche 1 is 1912, the year of Kim Il Sung's birth: Juche year = Gregorian year - 1911.
JUCHE_OFFSET = 1911


def juche_to_gregorian(juche: int) -> int:
    return juche + JUCHE_OFFSET
