package io.github.themis4j.demo.web;

import io.github.themis4j.demo.BadRequestException;
import io.github.themis4j.demo.NotFoundException;
import io.github.themis4j.demo.TooManyAttemptsException;
import io.github.themis4j.spring.UnknownPeerException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}) with a message that says
 * what was wrong. Messages never contain keys or decrypted data (themis4j's exception messages name
 * what failed, not the data). Controllers turn themis4j failures caused by the client's input into
 * {@link BadRequestException}s; any other failure is a 500 whose details go to the log only.
 */
@RestControllerAdvice
class ApiExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, e.getMessage(), request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
    return problem(HttpStatus.NOT_FOUND, "there is nothing at " + request.getRequestURI(), request);
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ProblemDetail> badRequest(BadRequestException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(TooManyAttemptsException.class)
  ResponseEntity<ProblemDetail> tooMany(TooManyAttemptsException e, HttpServletRequest request) {
    return problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), request);
  }

  @ExceptionHandler(UnknownPeerException.class)
  ResponseEntity<ProblemDetail> unknownPeer(UnknownPeerException e, HttpServletRequest request) {
    return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
        return tooLarge(tooLarge, request); // the JSON reader wraps what the limited stream threw
      }
    }
    return problem(HttpStatus.BAD_REQUEST, unreadableBody(e), request);
  }

  @ExceptionHandler(RequestBodyLimitFilter.BodyTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(
      RequestBodyLimitFilter.BodyTooLargeException e, HttpServletRequest request) {
    return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage(), request);
  }

  /**
   * What is wrong with a body that could not be read: the field whose value has the wrong type or
   * format, and the form expected. Never the value itself (it may be a birth date).
   */
  static String unreadableBody(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
        String field =
            m.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("?");
        Class<?> type = m.getTargetType();
        String expected =
            type == null
                ? "a value of another type"
                : type == LocalDate.class
                    ? "an ISO date such as 1990-04-01"
                    : type == String.class
                        ? "a string"
                        : Number.class.isAssignableFrom(type) || type.isPrimitive()
                            ? "a number"
                            : "a value of type " + type.getSimpleName();
        return "field '" + field + "' is not valid: expected " + expected;
      }
    }
    return "the request body is missing or is not valid JSON of the expected shape";
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return problem(
        HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName(), request);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missing(
      MissingServletRequestParameterException e, HttpServletRequest request) {
    return problem(
        HttpStatus.BAD_REQUEST, "parameter '" + e.getParameterName() + "' is required", request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return problem(
        HttpStatus.METHOD_NOT_ALLOWED,
        e.getMethod() + " is not supported on " + request.getRequestURI(),
        request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return problem(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send the request body as application/json", request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    log.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR, "the request failed; see the application log", request);
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String message, HttpServletRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, message);
    body.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(status).body(body);
  }
}
