# Author: Trevor Perrin
# See the LICENSE file for legal information regarding use of this file.

"""Classes for integrating TLS Lite with other packages."""

__all__ = ["asyncstatemachine",
           "httptlsconnection",
           "pop3_tls",
           "imap4_tls",
           "smtp_tls",
           "xmlrpctransport",
           "tlssocketservermixin",
           "tlsasyncdispatchermixin",
           "tlsasynciodispatchermixin"]
