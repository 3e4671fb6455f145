from typing import Literal

from pydantic import BaseModel, Field


class ActionStats(BaseModel):
    caisse_code: str
    action_id: int
    action_code: str
    title: str
    contact_type: Literal["individual_interview", "letter", "collective_meeting"]
    national: bool = Field(description="True for the socle's actions, false for a caisse's own.")
    targeted: int = Field(
        description="Current volumetry of the action's definition for the caisse: people "
        "matching it who have not objected to being contacted."
    )
    listed: int = Field(
        description="People in the action's frozen (ready) target lists for the caisse: the "
        "sum of the lists' sizes (someone in two lists of the action counts twice)."
    )


class TargetingStats(BaseModel):
    items: list[ActionStats] = Field(
        description="One item per (caisse, action of the year visible to that caisse)."
    )
