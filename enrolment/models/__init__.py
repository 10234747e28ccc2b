from .contact import MemberLink, MemberMessage
from .lists import Area, CrimeType, DemographicOption, EngagementMethod
from .members import TERM_YEARS, ConsentRecord, Member, MemberQuerySet, Purpose
from .membership_settings import MembershipSettings
from .notices import PrivacyNotice
from .pages import EnrolmentPage

__all__ = [
    "TERM_YEARS",
    "Area",
    "ConsentRecord",
    "CrimeType",
    "DemographicOption",
    "EngagementMethod",
    "EnrolmentPage",
    "Member",
    "MemberLink",
    "MemberMessage",
    "MemberQuerySet",
    "MembershipSettings",
    "PrivacyNotice",
    "Purpose",
]
