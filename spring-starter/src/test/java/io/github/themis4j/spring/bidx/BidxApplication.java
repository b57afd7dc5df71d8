package io.github.themis4j.spring.bidx;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with a blind-indexed entity and its Spring Data repository. */
@SpringBootApplication
public class BidxApplication {}
