"""Two-factor authentication: an authenticator app (TOTP) with backup codes, over django-otp.

``policy`` says who must use it and what a session still owes; ``services`` make
every change to someone's devices; ``views`` are the pages; ``middleware`` keeps a
session that owes its second factor away from everything else.
"""
