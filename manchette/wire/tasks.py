"""Background work of the wire: processing what the push endpoint received.

The task only carries the receipt's id; the bytes are already committed.
If the worker dies while running it, the receipt stays "received" and the
watcher's recovery round (``manchette watch_wire``) processes it.
"""

from django.tasks import task

from .ingest import process


@task()
def process_receipt(receipt_id):
    receipt = process(receipt_id)
    return receipt.status if receipt else "already processed"
