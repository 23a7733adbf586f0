"""Buku SOP: the whole catalogue as one book (``sopdoc buku``) — cover, the decree page (SK
pengesahan) from a plain-data template, a table of contents with page numbers, then each SOP's
own pages in order, numbered across the book, with a PDF outline entry per SOP.

``entries.py`` renders one SOP (in a worker process) into plain values; ``sk.py`` fills the decree
template; ``front.py`` draws the cover, decree and contents pages; ``pdf.py`` and ``docx.py`` bind
the book (the DOCX one SOP by SOP as they come back from the workers).
"""
