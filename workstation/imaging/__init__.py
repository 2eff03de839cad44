"""Qt-free DICOM core: import (files, folders, zip, CD/DICOMDIR), grouping, pixels, text.

Modules: ``sources`` (where bytes come from), ``header`` (header scan without
pixels), ``catalog`` (patient/study/series/instance), ``store`` (local content
store, atomic writes), ``scan`` (scan and import with progress and cancel),
``charset`` (GB18030/GBK, mislabelled Chinese), ``pixels`` (frame decoding),
``voi`` (modality LUT, VOI, display image), ``cli`` (inspect command).
"""
