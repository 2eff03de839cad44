"""One reader module per ECG file format; :mod:`workstation.ecg.reader` picks one."""
