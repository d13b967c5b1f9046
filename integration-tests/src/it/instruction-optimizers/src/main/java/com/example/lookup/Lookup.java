package com.example.lookup;

import dev.signet.annotation.Signature;

/** Give the code of the item. */
@Signature
public interface Lookup {
    String answer(String question);
}
