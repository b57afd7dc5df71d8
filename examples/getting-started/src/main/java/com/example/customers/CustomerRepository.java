package com.example.customers;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CustomerRepository extends JpaRepository<Customer, Long> {
  // Plain columns can be queried as usual; encrypted ones are refused in queries (randomized).
  List<Customer> findByDisplayName(String displayName);
}
