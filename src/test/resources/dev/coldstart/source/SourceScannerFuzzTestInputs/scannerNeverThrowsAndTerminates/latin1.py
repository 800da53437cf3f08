# -*- coding: latin-1 -*-
s = "café"
import latin
import café_mod
