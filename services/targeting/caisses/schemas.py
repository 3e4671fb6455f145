from pydantic import BaseModel, ConfigDict


class CaisseRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    region: str
    overseas: bool
