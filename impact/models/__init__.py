from .activities import (
    AnonymousContribution,
    EngagementActivity,
    Invitation,
    ParticipantNotice,
    PartnerUpdate,
    Recommendation,
)
from .impact_settings import ImpactSettings
from .partners import Partner, Topic
from .stories import StoryIndexPage, StoryPage
from .updates import MemberUpdate

__all__ = [
    "AnonymousContribution",
    "EngagementActivity",
    "ImpactSettings",
    "Invitation",
    "MemberUpdate",
    "ParticipantNotice",
    "Partner",
    "PartnerUpdate",
    "Recommendation",
    "StoryIndexPage",
    "StoryPage",
    "Topic",
]
