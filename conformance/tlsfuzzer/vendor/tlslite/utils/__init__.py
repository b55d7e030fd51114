# Author: Trevor Perrin
# See the LICENSE file for legal information regarding use of this file.

"""Toolkit for crypto and other stuff."""

__all__ = ["aes",
           "asn1parser",
           "cipherfactory",
           "codec",
           "cryptomath",
           "datefuncs",
           "compat",
           "keyfactory",
           "openssl_aes",
           "openssl_rc4",
           "openssl_rsakey",
           "openssl_tripledes",
           "pycrypto_aes",
           "pycrypto_rc4",
           "pycrypto_rsakey",
           "pycrypto_tripledes",
           "python_aes",
           "python_rc4",
           "python_rsakey",
           "python_ecdsakey",
           "python_eddsakey",
           "python_dsakey",
           "rc4",
           "rijndael",
           "rsakey",
           "tackpywrapper",
           "tripledes"]
