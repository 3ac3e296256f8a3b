package dev.conduit.web;

/** 403: the caller is known but may not touch this (someone else's article or comment). */
public class ForbiddenException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String what) {
    super(403, what, "may only be changed by its author");
  }
}
