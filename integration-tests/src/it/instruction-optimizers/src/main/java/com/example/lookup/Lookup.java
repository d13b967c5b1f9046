package com.example.lookup;

import dev.signet.Signature;

/** Give the code of the item. */
@Signature
public interface Lookup {
    String answer(String question);
}
