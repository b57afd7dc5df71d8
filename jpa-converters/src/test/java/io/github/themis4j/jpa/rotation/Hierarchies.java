package io.github.themis4j.jpa.rotation;

import io.github.themis4j.jpa.Encrypted;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.Table;

/** Encrypted attributes in inheritance hierarchies: one table for all, and a table per subclass. */
final class Hierarchies {
  private Hierarchies() {}

  @Entity(name = "RotVehicle")
  @Table(name = "rot_vehicle")
  @jakarta.persistence.Inheritance(strategy = InheritanceType.SINGLE_TABLE)
  public static class Vehicle {
    @Id Long id;

    @Encrypted
    @Column(length = 300)
    String plate;

    public Vehicle() {}
  }

  @Entity(name = "RotCar")
  public static class Car extends Vehicle {
    @Encrypted
    @Column(length = 300)
    String vin;

    public Car() {}
  }

  @Entity(name = "RotAnimal")
  @Table(name = "rot_animal")
  @jakarta.persistence.Inheritance(strategy = InheritanceType.JOINED)
  public static class Animal {
    @Id Long id;

    @Encrypted
    @Column(length = 300)
    String name;

    public Animal() {}
  }

  @Entity(name = "RotDog")
  @Table(name = "rot_dog")
  public static class Dog extends Animal {
    @Encrypted
    @Column(length = 300)
    String chip;

    public Dog() {}
  }

  @Entity(name = "RotPayment")
  @jakarta.persistence.Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
  public abstract static class Payment {
    @Id Long id;

    @Encrypted
    @Column(length = 300)
    String reference;

    public Payment() {}
  }

  @Entity(name = "RotCardPayment")
  @Table(name = "rot_card_payment")
  public static class CardPayment extends Payment {
    public CardPayment() {}
  }

  @Entity(name = "RotBankPayment")
  @Table(name = "rot_bank_payment")
  public static class BankPayment extends Payment {
    public BankPayment() {}
  }
}
