package dev.driftless.manifests.secrets.sops;

import java.util.Locale;

/** The SOPS stores, chosen from the file name as {@code sops} chooses them. */
public enum SopsFormat {
  YAML, JSON, DOTENV, INI, BINARY;

  /** {@code .yaml}/{@code .yml}, {@code .json}, {@code .env}, {@code .ini}; anything else is binary. */
  public static SopsFormat forFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return YAML;
    }
    if (lower.endsWith(".json")) {
      return JSON;
    }
    if (lower.endsWith(".env")) {
      return DOTENV;
    }
    if (lower.endsWith(".ini")) {
      return INI;
    }
    return BINARY;
  }
}
