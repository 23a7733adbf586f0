"""Excel SOP workbooks: identity from a cover sheet, steps from flowchart sheets with drawn shapes."""
