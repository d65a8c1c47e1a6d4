/* receipt: 30 bits of the hash, five at a time, in an alphabet of 32 unmistakable symbols. */
#include "receipt.h"

static const char ALPHABET[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

void receipt_code(const unsigned char hash[64], char out[RECEIPT_LEN + 1])
{
    unsigned long bits = ((unsigned long)hash[0] << 24) | ((unsigned long)hash[1] << 16) | ((unsigned long)hash[2] << 8) | hash[3];
    for (int i = 0; i < RECEIPT_LEN; i++) out[i] = ALPHABET[(bits >> (27 - 5 * i)) & 31];
    out[RECEIPT_LEN] = '\0';
}
