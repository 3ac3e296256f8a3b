package dev.conduit.web;

/** 413: the request body is over the configured limit. */
public class PayloadTooLargeException extends ApiException {
  private static final long serialVersionUID = 1L;

  public PayloadTooLargeException(long limit) {
    super(413, "body", "is too large (maximum is " + limit + " bytes)");
  }
}
