package com.example.customers;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerRepository extends JpaRepository<Customer, Long> {
  // Plain columns are queried as usual.
  List<Customer> findByDisplayName(String displayName);

  // Served by the blind index of email (equality only; like, < and order by are refused).
  Optional<Customer> findByEmail(String email);

  boolean existsByEmail(String email);
}
