from enum import StrEnum


class Category(StrEnum):
    CHILDREN = "children"
    CIVILIAN_DETAINEES = "civilian_detainees"
    JOURNALISTS = "journalists"
    OTHER = "other"
    POLITICAL_PRISONERS = "political_prisoners"
    PRISONERS_OF_WAR = "prisoners_of_war"
    REMAINS = "remains"
    WOUNDED_AND_SICK = "wounded_and_sick"

    def __str__(self) -> str:
        return str(self.value)
