/**
 * Why does this mTLS connection fail? {@code mtls doctor}: connects (again with other settings
 * where that narrows the cause), checks the local files, and names one cause with a reason code,
 * the side at fault, a sentence a newcomer understands and the fix.
 */
package dev.mtlskit.client.doctor;
