// problem.type = "sgd": SGD on a loss (model.type), a data set (data.*), a noise covariance
// (noise.*) and a learning rate and batch size (sgd.*); declarations and factory.
#pragma once

#include "problems/catalogue.hpp"

namespace hj {

ProblemEntry sgd_problem_entry();

}  // namespace hj
