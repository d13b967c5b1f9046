package com.example.gate;

import dev.signet.Signature;

@Signature("Give the code of the item.")
public interface Codes {
    String answer(String question);
}
