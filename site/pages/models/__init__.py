from .pages import ContentPage, HomePage, SupportPage, TermsOfReferencePage
from .site_settings import SafetySettings
from .snippets import Navigation, SupportService

__all__ = [
    "ContentPage",
    "HomePage",
    "Navigation",
    "SafetySettings",
    "SupportPage",
    "SupportService",
    "TermsOfReferencePage",
]
