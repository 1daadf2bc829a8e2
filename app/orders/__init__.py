"""Orders, their items, production units and the stages those units move through."""
