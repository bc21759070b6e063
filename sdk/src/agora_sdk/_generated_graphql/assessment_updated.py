from pydantic import Field

from .base_model import BaseModel
from .fragments import CreditApplicationFields


class AssessmentUpdated(BaseModel):
    assessment_updated: "AssessmentUpdatedAssessmentUpdated" = Field(
        alias="assessmentUpdated"
    )


AssessmentUpdatedAssessmentUpdated = CreditApplicationFields
AssessmentUpdated.model_rebuild()
