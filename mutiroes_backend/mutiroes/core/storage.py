"""File storage for uploads: the local file system, refusing cleanly when the disk is full.

Django's FileSystemStorage leaves a half-written file behind when a write fails (ENOSPC) and the
OSError becomes a 500. Here the partial file (created by this save, O_EXCL) is removed and the
caller gets one clear error: 507 `storage_full`, and its transaction rolls back with it.
"""

import errno
import logging
import os

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from mutiroes.core.exceptions import ApplicationError

logger = logging.getLogger(__name__)
DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class StorageFull(ApplicationError):
    status_code = 507
    default_code = "storage_full"


class FileSystemStorage(DjangoFileSystemStorage):
    def _save(self, name: str, content) -> str:
        try:
            return super()._save(name, content)
        except OSError as exc:
            if exc.errno not in DISK_FULL:
                raise
            # The name was free when the save began (O_EXCL), so whatever is there now is our part.
            try:
                os.remove(self.path(name))
            except FileNotFoundError:
                pass
            except OSError:
                logger.exception("could not remove the partial file %s", name)
            logger.error("no space left to store %s: %s", name, exc)
            raise StorageFull(_("There is no space left to store the file. Try again later.")) from exc


def files_delete(names: list[str]) -> None:
    """Delete stored files by name, best effort: a file that cannot be removed is logged, never
    raised (a row already gone must not fail because its file lingers)."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete %s", name, exc_info=True)
