"""API tokens: stored as a hash, expiring, revoked when their owner's password changes or the account is disabled."""
