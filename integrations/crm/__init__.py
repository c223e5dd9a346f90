"""Leads pushed into a CRM: one module per CRM behind one small interface (``base.CrmClient``)."""
