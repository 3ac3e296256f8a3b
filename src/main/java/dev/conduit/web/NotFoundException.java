package dev.conduit.web;

/** 404 for a named thing that does not exist: {@code {"errors":{"article":["not found"]}}}. */
public class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String what) {
    super(404, what, "not found");
  }
}
