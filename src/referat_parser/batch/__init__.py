"""Batch processing: many minutes files -> one JSON each (or one JSONL), in parallel.

Not a pipeline stage but the driver around it, in five modules:

* :mod:`.work` finds the inputs (:func:`~.work.discover`), parses them in worker processes
  and yields results in input order (:func:`~.work.run`), and counts them (:class:`~.work.Summary`);
* :mod:`.cluster` is the other engine: the same parses as tasks on a Dask cluster (``--engine dask``);
* :mod:`.sinks` writes results: one JSON per input mirroring the tree, or one JSONL stream;
* :mod:`.view` is what a person sees: the progress bar and the summary table;
* :mod:`.run` ties them together for ``referat batch`` (signals, report, exit code).
"""
