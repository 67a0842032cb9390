"""The one-page service sheet (A4 PDF): ``pdf.service_sheet_pdf(dataset, service_id)``."""
