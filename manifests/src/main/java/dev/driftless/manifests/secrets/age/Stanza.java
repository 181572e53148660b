package dev.driftless.manifests.secrets.age;

import java.util.List;

/**
 * One recipient stanza of a header: its type (the first argument), the other arguments, and the
 * body (the wrapped file key).
 */
record Stanza(String type, List<String> args, byte[] body) {

  Stanza {
    args = List.copyOf(args);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  int bodyLength() {
    return body.length;
  }
}
