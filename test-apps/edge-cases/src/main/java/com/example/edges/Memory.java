package com.example.edges;

/** Asks for more heap than there is. */
public class Memory {

  public int allocate(int megabytes) {
    byte[] block = new byte[megabytes * 1024 * 1024];
    return block.length;
  }
}
