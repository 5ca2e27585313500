"""Password hashing: Argon2id with OWASP's recommended parameters.

OWASP's Password Storage Cheat Sheet lists equivalent Argon2id settings; this is the one with
19 MiB of memory, 2 iterations and 1 lane: about 20 ms of one core per hash, memory-hard, where
Django's PBKDF2 default (1,000,000 iterations) costs ~0.5 s. Existing PBKDF2 hashes still verify
(PBKDF2 stays in PASSWORD_HASHERS) and are rewritten as Argon2id at the user's next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher

from mutiroes.core.cpu import run_at_low_priority


class OwaspArgon2idPasswordHasher(Argon2PasswordHasher):
    # The algorithm name stays "argon2": hashes are interchangeable with Django's own hasher,
    # and Django re-hashes a stored password whose parameters differ from these (must_update).
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    # Hashing and checking run at a lower CPU priority than request handling (argon2 runs in C
    # without the GIL): a flood of logins admitted by nginx takes only the CPU left over.
    def encode(self, password: str, salt: str) -> str:
        return run_at_low_priority(super().encode, password, salt)

    def verify(self, password: str, encoded: str) -> bool:
        return run_at_low_priority(super().verify, password, encoded)
