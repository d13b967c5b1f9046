package com.example.gate;

import dev.signet.annotation.Signature;

@Signature("Give the code of the item.")
public interface Codes {
    String answer(String question);
}
