"""The agency's whole catalogue (``sopdoc katalog DIR``): every SOP of a folder imported and checked
on every core (or a Dask cluster), summed up as it streams in, and written as one inspector report
(PDF, DOCX, XLSX, JSON).

``record.py`` is the worker's unit of work (one file in, small summary records out: never the
model), ``similar.py`` the near-duplicate index (MinHash signatures, LSH bands: near-linear),
``links.py`` the Keterkaitan references resolved against the catalogue, ``review.py`` the review
due dates, ``aggregate.py`` the streaming totals and ``report.py`` the finished report as plain data;
``json_out.py``, ``xlsx.py``, ``pdf.py``, ``docx.py`` and ``charts.py`` write it.
"""
