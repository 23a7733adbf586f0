"""sopdoc/importers/ocr: scanned pages and raster flowcharts read through OCR (Tesseract)."""
