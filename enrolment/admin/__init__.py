"""The staff area in the Wagtail admin: member records, consent, exports and audit.

Registered in enrolment/wagtail_hooks.py. Every URL here also passes through
``viewsets.member_access_required``, so nobody outside the engagement team reaches a
member record, whatever Wagtail's generic views would otherwise allow.
"""
