/* receipt: six characters from a bundle's hash that a facilitator can read aloud over a phone
 * and the coordinator can find on the bundle that arrived (no 0/O or 1/I to confuse). */
#ifndef PALLAY_RECEIPT_H
#define PALLAY_RECEIPT_H

#define RECEIPT_LEN 6

/* The code of a bundle whose BLAKE2b-512 (the hash its signature covers) is hash. */
void receipt_code(const unsigned char hash[64], char out[RECEIPT_LEN + 1]);

#endif
